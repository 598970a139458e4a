package io.ordertracker.storage;

import static org.assertj.core.api.Assertions.assertThat;

import io.ordertracker.domain.Milestone;
import io.ordertracker.domain.RetentionPolicy;
import io.ordertracker.domain.notify.ShopperPreferences.Preferences;
import io.ordertracker.domain.notify.UnsubscribeToken;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

class DynamoDbShopperPreferencesIT {
    final Instant now = Instant.parse("2026-11-16T15:00:00Z");
    final DynamoDbShopperPreferences prefs =
            new DynamoDbShopperPreferences(LocalTable.CLIENT, LocalTable.TABLE, RetentionPolicy.ofDays(180));
    final String merchant = "m_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);

    @Test
    void theFirstMessageCreatesOneEntryWithOneTokenKeptUnderTheMerchantAndNoReadableAddress() {
        Preferences first = prefs.forSending(merchant, "Ada@Example.com", now);
        Preferences again = prefs.forSending(merchant, " ada@example.com", now.plusSeconds(60));

        assertThat(first.token()).isEqualTo(again.token()).startsWith(merchant + ".");
        assertThat(UnsubscribeToken.parse(first.token())).isPresent();
        assertThat(first.wants(Milestone.SHIPPED)).isTrue();
        Map<String, AttributeValue> item = item(first.token());
        assertThat(item.get("pk").s()).startsWith("UNSUB#" + merchant + "#");
        assertThat(item.toString()).doesNotContainIgnoringCase("ada@example.com");
        assertThat(Long.parseLong(item.get("expiresAt").n()))
                .isEqualTo(now.plusSeconds(60).plus(Duration.ofDays(180)).getEpochSecond());
    }

    @Test
    void oneClickUnsubscribesOnlyThatShopperAtThatMerchant() {
        String other = merchant + "x";
        Preferences ada = prefs.forSending(merchant, "ada@example.com", now);
        Preferences bob = prefs.forSending(merchant, "bob@example.com", now);
        Preferences adaElsewhere = prefs.forSending(other, "ada@example.com", now);

        assertThat(prefs.unsubscribeAll(ada.token(), now)).isTrue();
        assertThat(prefs.unsubscribeAll(ada.token(), now)).isTrue(); // idempotent

        assertThat(prefs.forSending(merchant, "ada@example.com", now).wants(Milestone.DELIVERED)).isFalse();
        assertThat(prefs.forSending(merchant, "bob@example.com", now).wants(Milestone.DELIVERED)).isTrue();
        assertThat(prefs.forSending(other, "ada@example.com", now).wants(Milestone.DELIVERED)).isTrue();
        assertThat(bob.token()).isNotEqualTo(ada.token());
        assertThat(adaElsewhere.token()).isNotEqualTo(ada.token());
    }

    @Test
    void mutedMilestonesAreStoredAndAnEmptyChoiceUnmutesEverything() {
        Preferences ada = prefs.forSending(merchant, "ada@example.com", now);
        assertThat(prefs.update(ada.token(), false, Set.of(Milestone.SHIPPED, Milestone.STALLED), now)).isTrue();

        Preferences read = prefs.find(ada.token(), now).orElseThrow().preferences();
        assertThat(read.muted()).containsExactlyInAnyOrder(Milestone.SHIPPED, Milestone.STALLED);
        assertThat(read.wants(Milestone.SHIPPED)).isFalse();
        assertThat(read.wants(Milestone.DELIVERED)).isTrue();
        assertThat(prefs.find(ada.token(), now).orElseThrow().merchantId()).isEqualTo(merchant);

        assertThat(prefs.update(ada.token(), false, Set.of(), now)).isTrue();
        assertThat(prefs.find(ada.token(), now).orElseThrow().preferences().wants(Milestone.SHIPPED)).isTrue();
    }

    @Test
    void forgedWrongMerchantMalformedAndExpiredTokensFindNothingAndChangeNothing() {
        Preferences ada = prefs.forSending(merchant, "ada@example.com", now);
        UnsubscribeToken real = UnsubscribeToken.parse(ada.token()).orElseThrow();
        String forged = new UnsubscribeToken(merchant, real.addressKey(), UnsubscribeToken.newSecret()).toString();
        String otherMerchant = new UnsubscribeToken(merchant + "x", real.addressKey(), real.secret()).toString();

        for (String token : new String[] {forged, otherMerchant, "junk", ada.token() + "x", null}) {
            assertThat(prefs.find(token, now)).as(String.valueOf(token)).isEmpty();
            assertThat(prefs.unsubscribeAll(token, now)).as(String.valueOf(token)).isFalse();
        }
        assertThat(prefs.forSending(merchant, "ada@example.com", now).wants(Milestone.SHIPPED)).isTrue();

        Instant afterExpiry = now.plus(Duration.ofDays(181));
        assertThat(prefs.find(ada.token(), afterExpiry)).isEmpty();
        assertThat(prefs.unsubscribeAll(ada.token(), afterExpiry)).isFalse();
    }

    private Map<String, AttributeValue> item(String token) {
        UnsubscribeToken t = UnsubscribeToken.parse(token).orElseThrow();
        return LocalTable.CLIENT.getItem(b -> b.tableName(LocalTable.TABLE).key(Map.of(
                "pk", AttributeValue.fromS(Keys.preferencesPk(t.merchantId(), t.addressKey())),
                "sk", AttributeValue.fromS(Keys.PREFERENCES_SK)))).item();
    }
}
