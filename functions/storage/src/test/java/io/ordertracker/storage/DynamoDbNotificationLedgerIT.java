package io.ordertracker.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ordertracker.domain.Channel;
import io.ordertracker.domain.ExceptionReason;
import io.ordertracker.domain.Milestone;
import io.ordertracker.domain.notify.DetectedMilestone;
import io.ordertracker.domain.notify.NotificationJob;
import io.ordertracker.domain.notify.NotificationLedger;
import io.ordertracker.domain.notify.SuppressionList;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

class DynamoDbNotificationLedgerIT {
    static final DynamoDbClient dynamo = LocalTable.CLIENT;
    static final String TABLE = LocalTable.TABLE;
    final Instant now = Instant.parse("2026-11-16T15:00:00Z");

    private NotificationJob job() {
        return NotificationJob.of("m_" + UUID.randomUUID(), "1001", "shp_1",
                new DetectedMilestone(Milestone.EXCEPTION, "HELD", ExceptionReason.HELD), Channel.EMAIL, now);
    }

    @Test
    void aJobIsClaimedOnceAndStaysDoneAfterSent() {
        DynamoDbNotificationLedger ledger = new DynamoDbNotificationLedger(dynamo, TABLE, Duration.ofSeconds(120));
        NotificationJob job = job();
        var first = ledger.claim(job, now);
        assertThat(first.claim()).isEqualTo(NotificationLedger.Claim.CLAIMED);
        assertThat(ledger.claim(job, now.plusSeconds(1)).claim()).isEqualTo(NotificationLedger.Claim.IN_FLIGHT);
        ledger.markSent(job, first.token(), "msg-1", now.plusSeconds(2));
        assertThat(ledger.state(job)).isEqualTo(Optional.of(NotificationLedger.State.SENT));
        assertThat(ledger.claim(job, now.plus(Duration.ofDays(30))).claim()).isEqualTo(NotificationLedger.Claim.ALREADY_DONE);
        assertThat(ledger.entry(job).get("entityType").s()).isEqualTo("NOTIFICATION");
    }

    @Test
    void anAbandonedClaimIsTakenOverAfterItsLeaseAndTheOldHolderCannotMarkIt() {
        DynamoDbNotificationLedger ledger = new DynamoDbNotificationLedger(dynamo, TABLE, Duration.ofSeconds(120));
        NotificationJob job = job();
        var crashed = ledger.claim(job, now);
        assertThat(ledger.claim(job, now.plusSeconds(119)).claim()).isEqualTo(NotificationLedger.Claim.IN_FLIGHT);
        var retry = ledger.claim(job, now.plusSeconds(122));
        assertThat(retry.claim()).isEqualTo(NotificationLedger.Claim.CLAIMED);
        assertThatThrownBy(() -> ledger.markSent(job, crashed.token(), "late", now.plusSeconds(123)))
                .isInstanceOf(ConditionalCheckFailedException.class);
        ledger.markSent(job, retry.token(), "msg-2", now.plusSeconds(123));
        assertThat(ledger.entry(job).get("providerMessageId").s()).isEqualTo("msg-2");
    }

    @Test
    void aReleasedClaimCanBeClaimedAtOnceAndSkippedEntriesAreDone() {
        DynamoDbNotificationLedger ledger = new DynamoDbNotificationLedger(dynamo, TABLE, Duration.ofSeconds(120));
        NotificationJob job = job();
        var refused = ledger.claim(job, now);
        ledger.release(job, refused.token());
        var again = ledger.claim(job, now.plusSeconds(1));
        assertThat(again.claim()).isEqualTo(NotificationLedger.Claim.CLAIMED);
        ledger.markSkipped(job, again.token(), "suppressed", now.plusSeconds(1));
        assertThat(ledger.state(job)).isEqualTo(Optional.of(NotificationLedger.State.SKIPPED));
        assertThat(ledger.claim(job, now.plus(Duration.ofHours(1))).claim()).isEqualTo(NotificationLedger.Claim.ALREADY_DONE);
    }

    @Test
    void suppressionIsByNormalizedAddressAndKeepsTheFirstReason() {
        SuppressionList list = new DynamoDbSuppressionList(dynamo, TABLE);
        String address = "Bounce." + UUID.randomUUID() + "@Example.com";
        assertThat(list.isSuppressed(Channel.EMAIL, address)).isFalse();
        assertThat(list.suppress(Channel.EMAIL, address, "Bounce:Permanent", now)).isTrue();
        assertThat(list.suppress(Channel.EMAIL, address.toLowerCase(), "Complaint", now)).isFalse();
        assertThat(list.isSuppressed(Channel.EMAIL, " " + address.toUpperCase() + " ")).isTrue();
        assertThat(list.isSuppressed(Channel.SMS, address)).isFalse();
    }
}
