package io.ordertracker.local.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The chaos run's checker (ChaosExpectations), pinned on small synthetic timelines: what the table knew (status
 * changes and episodes seen on the stream, at real milliseconds), what SES/SNS accepted, and what is owed. Each case
 * names the product rule it follows (docs/notifications.md, "Milestones"; MilestoneRules).
 */
class ChaosRunTest {
    private static final Duration WINDOW = Duration.ofSeconds(20);
    private static final String TN = "1Z8V4E270300044168";
    /** The UPS returned-to-sender journey's expectations (Journeys: address problem, returning, returned). */
    private static final List<String> UPS_RETURNED = List.of("ORDER_CONFIRMED email", "SHIPPED email",
            "OUT_FOR_DELIVERY sms", "EXCEPTION sms", "EXCEPTION email", "EXCEPTION email", "EXCEPTION sms",
            "EXCEPTION email", "EXCEPTION sms");
    /** The USPS estimate-slips-twice journey's expectations: two delay episodes. */
    private static final List<String> SLIPS_TWICE = List.of("ORDER_CONFIRMED email", "SHIPPED email",
            "DELAYED email", "DELAYED sms", "DELAYED email", "DELAYED sms", "OUT_FOR_DELIVERY sms",
            "DELIVERED email", "DELIVERED sms");

    private final List<ShipmentChangeLog.Change> changes = new ArrayList<>();
    private final List<ShipmentChangeLog.FlagRaised> raised = new ArrayList<>();
    private final List<Outbox.Message> sent = new ArrayList<>();

    private void status(String from, String to, long atSeconds) {
        changes.add(new ShipmentChangeLog.Change("ups", TN, "s1", from, to, atSeconds * 1000));
    }

    private void episode(String milestone, String episode, long atSeconds) {
        raised.add(new ShipmentChangeLog.FlagRaised(TN, milestone, episode, atSeconds * 1000));
    }

    private void sent(String milestone, String episode, String channel, long atSeconds) {
        sent.add(new Outbox.Message(channel, "x", "y", "", "", "", "CHAOS-6", TN, "s1", milestone, episode,
                Instant.EPOCH, atSeconds * 1000, Map.of(), null, "m-" + milestone + episode + channel + atSeconds,
                Map.of(), null));
    }

    private void confirmedAndShipped() {
        sent("ORDER_CONFIRMED", "", "email", 1);
        sent("SHIPPED", "", "email", 51);
    }

    private ChaosExpectations.Verdict judge(List<String> expected) {
        return ChaosExpectations.judge(expected, changes, raised, sent, WINDOW);
    }

    /** The journey chaos runs lost on main: the address problem fell between two polls; two episodes were told. */
    @Test
    void aReturnedToSenderParcelSeenOnlyReturningAndReturnedOwesTwoExceptionEpisodes() {
        status(null, "PENDING", 0);
        status("PENDING", "RETURNING_TO_SENDER", 100);
        episode("EXCEPTION", "RETURNING", 100);
        status("RETURNING_TO_SENDER", "RETURNED_TO_SENDER", 200);
        episode("EXCEPTION", "RETURNED", 200);
        sent("ORDER_CONFIRMED", "", "email", 1);
        for (String ep : List.of("RETURNING", "RETURNED")) {
            sent("EXCEPTION", ep, "email", 101);
            sent("EXCEPTION", ep, "sms", 101);
        }

        ChaosExpectations.Verdict v = judge(UPS_RETURNED);

        assertThat(v.expected()).isEqualTo(9);
        assertThat(v.lost()).as(v.lostMessages().toString()).isZero();
        // SHIPPED (first status seen is not a plain "on its way"), OUT_FOR_DELIVERY, ADDRESS_ISSUE email and sms
        assertThat(v.neverSeen()).isEqualTo(4);
    }

    @Test
    void anExceptionEpisodeTheTableKnewAndNobodyToldIsLost() {
        status(null, "PENDING", 0);
        status("PENDING", "RETURNING_TO_SENDER", 100);
        episode("EXCEPTION", "RETURNING", 100);
        status("RETURNING_TO_SENDER", "RETURNED_TO_SENDER", 200);
        episode("EXCEPTION", "RETURNED", 200);
        sent("ORDER_CONFIRMED", "", "email", 1);
        sent("EXCEPTION", "RETURNING", "email", 101);
        sent("EXCEPTION", "RETURNING", "sms", 101);
        sent("EXCEPTION", "RETURNED", "email", 201);

        ChaosExpectations.Verdict v = judge(UPS_RETURNED);

        assertThat(v.lost()).isEqualTo(1);
        assertThat(v.lostMessages()).containsExactly("EXCEPTION sms RETURNED");
    }

    /** Counted per episode, a duplicate of one episode cannot stand in for another episode that was never told. */
    @Test
    void oneEpisodeToldTwiceDoesNotCoverAnotherNeverTold() {
        status(null, "PENDING", 0);
        status("PENDING", "EXCEPTION", 100);
        episode("EXCEPTION", "ADDRESS_ISSUE", 100);
        status("EXCEPTION", "RETURNING_TO_SENDER", 200);
        episode("EXCEPTION", "RETURNING", 200);
        status("RETURNING_TO_SENDER", "RETURNED_TO_SENDER", 300);
        episode("EXCEPTION", "RETURNED", 300);
        for (String ep : List.of("ADDRESS_ISSUE", "ADDRESS_ISSUE", "RETURNING")) {
            sent("EXCEPTION", ep, "email", 1);
            sent("EXCEPTION", ep, "sms", 1);
        }

        ChaosExpectations.Verdict v = judge(UPS_RETURNED);

        assertThat(v.lostMessages()).contains("EXCEPTION email RETURNED", "EXCEPTION sms RETURNED");
    }

    /** MilestoneRules.isStale(EXCEPTION): only delivery makes an exception stale; moving on again does not. */
    @Test
    void anExceptionIsOvertakenByDeliveryOnlyNotByMovingOn() {
        status(null, "PENDING", 0);
        status("PENDING", "EXCEPTION", 100);
        episode("EXCEPTION", "ADDRESS_ISSUE", 100);
        status("EXCEPTION", "IN_TRANSIT", 105);
        assertThat(judge(List.of("EXCEPTION email")).lost()).isEqualTo(1);

        status("IN_TRANSIT", "DELIVERED", 110);
        ChaosExpectations.Verdict v = judge(List.of("EXCEPTION email"));
        assertThat(v.lost()).isZero();
        assertThat(v.overtaken()).isEqualTo(1);
    }

    /** A date that slipped twice between two polls is one delay episode on the table: one DELAYED per channel. */
    @Test
    void aDateThatSlipsTwiceButIsSeenOnceOwesOneDelayedMessagePerChannel() {
        status(null, "PENDING", 0);
        status("PENDING", "IN_TRANSIT", 50);
        confirmedAndShipped();
        episode("DELAYED", "2026-11-20", 100);
        sent("DELAYED", "2026-11-20", "email", 101);
        sent("DELAYED", "2026-11-20", "sms", 101);

        ChaosExpectations.Verdict v = judge(SLIPS_TWICE);

        assertThat(v.lost()).isZero();
        assertThat(v.neverSeen()).isGreaterThanOrEqualTo(2); // the second episode, email and SMS
    }

    @Test
    void aDateThatSlipsTwiceAndIsSeenTwiceOwesBothEpisodes() {
        status(null, "PENDING", 0);
        status("PENDING", "IN_TRANSIT", 50);
        confirmedAndShipped();
        episode("DELAYED", "2026-11-19", 100);
        episode("DELAYED", "2026-11-20", 200);
        sent("DELAYED", "2026-11-19", "email", 101);
        sent("DELAYED", "2026-11-19", "sms", 101);

        ChaosExpectations.Verdict v = judge(SLIPS_TWICE);

        assertThat(v.lostMessages()).containsExactlyInAnyOrder("DELAYED email 2026-11-20", "DELAYED sms 2026-11-20");
    }

    /** MilestoneRules.isStaleDelay: a queued DELAYED message whose episode a newer one replaced is dropped. */
    @Test
    void aDelayEpisodeReplacedByANewerOneSoonAfterIsOvertaken() {
        status(null, "PENDING", 0);
        status("PENDING", "IN_TRANSIT", 50);
        confirmedAndShipped();
        episode("DELAYED", "2026-11-19", 100);
        episode("DELAYED", "2026-11-20", 105);
        sent("DELAYED", "2026-11-20", "email", 106);
        sent("DELAYED", "2026-11-20", "sms", 106);

        ChaosExpectations.Verdict v = judge(SLIPS_TWICE);

        assertThat(v.lost()).isZero();
        assertThat(v.overtaken()).isEqualTo(2);
    }

    /** MilestoneRules.latenessIsNews: no DELAYED while the parcel is in trouble (an exception without a delay reason). */
    @Test
    void aDelayRaisedWhileTheParcelIsReturningIsNotOwed() {
        status(null, "PENDING", 0);
        status("PENDING", "RETURNING_TO_SENDER", 50);
        episode("EXCEPTION", "RETURNING", 50);
        episode("DELAYED", "2026-11-20", 100);

        assertThat(judge(List.of("DELAYED email")).lost()).isZero();
    }

    /** MilestoneRules.isStale(OUT_FOR_DELIVERY): delivered makes it stale; a failed attempt does not. */
    @Test
    void outForDeliveryIsOvertakenByDeliveryNotByAFailedAttempt() {
        status(null, "PENDING", 0);
        status("PENDING", "IN_TRANSIT", 50);
        status("IN_TRANSIT", "OUT_FOR_DELIVERY", 100);
        status("OUT_FOR_DELIVERY", "DELIVERY_ATTEMPTED", 105);
        assertThat(judge(List.of("OUT_FOR_DELIVERY sms")).lost()).isEqualTo(1);

        changes.clear();
        status(null, "PENDING", 0);
        status("PENDING", "IN_TRANSIT", 50);
        status("IN_TRANSIT", "OUT_FOR_DELIVERY", 100);
        status("OUT_FOR_DELIVERY", "DELIVERED", 105);
        ChaosExpectations.Verdict v = judge(List.of("OUT_FOR_DELIVERY sms"));
        assertThat(v.lost()).isZero();
        assertThat(v.overtaken()).isEqualTo(1);
    }

    /** A change long after the milestone (past the window) does not excuse a message that never went out. */
    @Test
    void aLaterChangePastTheWindowDoesNotExcuseAMissingMessage() {
        status(null, "PENDING", 0);
        status("PENDING", "IN_TRANSIT", 50);
        status("IN_TRANSIT", "OUT_FOR_DELIVERY", 100);
        status("OUT_FOR_DELIVERY", "DELIVERED", 500);
        sent("DELIVERED", "", "email", 501);

        ChaosExpectations.Verdict v = judge(List.of("ORDER_CONFIRMED email", "OUT_FOR_DELIVERY sms", "DELIVERED email"));

        assertThat(v.lostMessages()).containsExactlyInAnyOrder("ORDER_CONFIRMED email", "OUT_FOR_DELIVERY sms");
    }

    /** The change log's exception episodes follow the table of docs/notifications.md: the reason, or the status's. */
    @Test
    void anExceptionEpisodeIsItsReasonOrTheOneItsStatusImplies() {
        assertThat(ShipmentChangeLog.exceptionEpisode(image("RETURNING_TO_SENDER", "NONE"))).isEqualTo("RETURNING");
        assertThat(ShipmentChangeLog.exceptionEpisode(image("EXCEPTION", "ADDRESS_ISSUE"))).isEqualTo("ADDRESS_ISSUE");
        assertThat(ShipmentChangeLog.exceptionEpisode(image("IN_TRANSIT", "NONE"))).isNull();
        assertThat(ShipmentChangeLog.exceptionEpisode(image("NOT_A_STATUS", "NONE"))).isNull();
    }

    private static Map<String, AttributeValue> image(String status, String reason) {
        return Map.of("status", AttributeValue.fromS(status), "reason", AttributeValue.fromS(reason));
    }
}
