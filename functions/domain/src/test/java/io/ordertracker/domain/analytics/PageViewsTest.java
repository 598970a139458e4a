package io.ordertracker.domain.analytics;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PageViewsTest {
    private static final Instant T = Instant.parse("2026-11-20T10:05:00Z");

    @Test
    void viewsOfAnOrderWithinOneWindowAreOneFactAndTheNextWindowIsAnother() {
        Fact first = PageViews.pageView("m1", "A-1", T);
        Fact reload = PageViews.pageView("m1", "A-1", T.plus(Duration.ofMinutes(20)));
        Fact later = PageViews.pageView("m1", "A-1", T.plus(Duration.ofMinutes(30)));
        assertThat(reload.factId()).isEqualTo(first.factId());
        assertThat(later.factId()).isNotEqualTo(first.factId());
        assertThat(PageViews.pageView("m1", "A-2", T).factId()).as("another order").isNotEqualTo(first.factId());
        assertThat(first.add()).isEqualTo(Map.of(Counters.PAGE_VIEWS, 1L));
        assertThat(first.groups()).containsExactly(Fact.DAY);
        assertThat(first.day()).isEqualTo(LocalDate.parse("2026-11-20"));
        assertThat(first.factId()).as("the order number is not in the id").doesNotContain("A-1");
    }

    @Test
    void anOrderIsViewedOnceEverOnTheDayOfItsView() {
        Fact monday = PageViews.orderViewed("m1", "A-1", T);
        Fact nextWeek = PageViews.orderViewed("m1", "A-1", T.plus(Duration.ofDays(7)));
        assertThat(nextWeek.factId()).isEqualTo(monday.factId());
        assertThat(monday.add()).isEqualTo(Map.of(Counters.ORDERS_VIEWED, 1L));
        assertThat(PageViews.orderViewed("m1", "A-1", Instant.parse("2026-11-20T23:59:59Z")).day())
                .isEqualTo(LocalDate.parse("2026-11-20"));
    }

    @Test
    void aHeadRequestCountsNothingAndTouchesNoStore() {
        Answering store = new Answering(true);
        assertThat(new PageViews(store, Clock.fixed(T, ZoneOffset.UTC)).view("HEAD", "m1", "A-1"))
                .isEqualTo(new PageViews.Counted(false, false));
        assertThat(store.asked).isEmpty();
    }

    @Test
    void aNewWindowCountsAViewThenAsksWhetherTheOrderWasViewedBefore() {
        Answering store = new Answering(true, false);
        PageViews.Counted counted = new PageViews(store, Clock.fixed(T, ZoneOffset.UTC)).view("get", "m1", "A-1");
        assertThat(counted).isEqualTo(new PageViews.Counted(true, false));
        assertThat(store.asked).extracting(Fact::factId).containsExactly(
                PageViews.pageView("m1", "A-1", T).factId(), PageViews.orderViewed("m1", "A-1", T).factId());
    }

    @Test
    void aWindowCountedBeforeCountsNothingMoreAndSparesTheSecondWrite() {
        Answering store = new Answering(false);
        assertThat(new PageViews(store, Clock.fixed(T, ZoneOffset.UTC)).view("GET", "m1", "A-1"))
                .isEqualTo(new PageViews.Counted(false, false));
        assertThat(store.asked).hasSize(1);
    }

    /** The store's answers, scripted (the counting itself is DynamoDbMerchantFacts', tested against DynamoDB Local). */
    private static final class Answering implements MerchantFacts {
        private final boolean[] answers;
        final List<Fact> asked = new ArrayList<>();

        Answering(boolean... answers) {
            this.answers = answers;
        }

        @Override
        public boolean record(Fact fact) {
            asked.add(fact);
            return answers[asked.size() - 1];
        }

        @Override
        public List<DayGroup> read(String merchantId, LocalDate from, LocalDate to) {
            throw new UnsupportedOperationException();
        }
    }
}
