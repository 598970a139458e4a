package io.ordertracker.storage;

import static org.assertj.core.api.Assertions.assertThat;

import io.ordertracker.domain.Carrier;
import io.ordertracker.domain.merchants.Merchant;
import io.ordertracker.domain.merchants.MerchantSettings;
import io.ordertracker.domain.merchants.MerchantStore.SaveSettingsOutcome;
import io.ordertracker.domain.merchants.MerchantStore.SettingsRevision;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

class DynamoDbMerchantSettingsIT {
    private final DynamoDbMerchantStore merchants = new DynamoDbMerchantStore(LocalTable.CLIENT, LocalTable.TABLE);
    private final String merchant = "m_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);

    private MerchantSettings named(String name) {
        return new MerchantSettings(name, null, null, null, null, null, null, null, 3, null, null, "22:00-07:00",
                Map.of(Carrier.DHL, 6), "de", null, "https://shop.example/review");
    }

    @Test
    void aSaveOverTheVersionReadWinsAndASecondSaveOverTheSameVersionLoses() {
        merchants.createMerchant(new Merchant(merchant, "Acme", MerchantSettings.defaults("Acme"), Instant.now()));
        SettingsRevision first = merchants.findSettings(merchant).orElseThrow();
        assertThat(first.version()).isZero();

        SaveSettingsOutcome saved = merchants.saveSettings(merchant, named("Acme One"), first.version());
        assertThat(saved).isEqualTo(new SaveSettingsOutcome.Saved(new SettingsRevision(named("Acme One"), 1)));
        assertThat(merchants.saveSettings(merchant, named("Acme Two"), first.version()))
                .isInstanceOf(SaveSettingsOutcome.VersionConflict.class);

        SettingsRevision stored = merchants.findSettings(merchant).orElseThrow();
        assertThat(stored).isEqualTo(new SettingsRevision(named("Acme One"), 1));
        assertThat(merchants.findMerchant(merchant).orElseThrow().settings().stallDaysFor(Carrier.DHL)).isEqualTo(6);
    }

    @Test
    void aMissingMerchantIsNotAConflict() {
        assertThat(merchants.saveSettings("m_nobody" + merchant, named("x"), 0))
                .isInstanceOf(SaveSettingsOutcome.NoSuchMerchant.class);
    }

    @Test
    void settingsStoredBeforeTheNewFieldsReadWithDefaultsAtVersionZero() {
        String legacy = "{\"displayName\":\"Old\",\"primaryColor\":\"#112233\",\"accentColor\":\"#445566\","
                + "\"notifications\":{\"DELIVERED\":[\"EMAIL\"]},\"stallDays\":4}";
        LocalTable.CLIENT.putItem(b -> b.tableName(LocalTable.TABLE).item(Map.of(
                "pk", AttributeValue.fromS(Keys.merchantPk(merchant)), "sk", AttributeValue.fromS(Keys.MERCHANT_SK),
                "entityType", AttributeValue.fromS("MERCHANT"), "merchantId", AttributeValue.fromS(merchant),
                "name", AttributeValue.fromS("Old"), "settings", AttributeValue.fromS(legacy),
                "createdAt", AttributeValue.fromS("2026-01-01T00:00:00Z"))));
        SettingsRevision read = merchants.findSettings(merchant).orElseThrow();
        assertThat(read.version()).isZero();
        assertThat(read.settings().stallDaysFor(Carrier.UPS)).isEqualTo(4);
        assertThat(read.settings().quietHoursRule()).isEmpty();
        assertThat(read.settings().reviewUrl()).isNull();
        assertThat(merchants.saveSettings(merchant, named("New"), 0)).isInstanceOf(SaveSettingsOutcome.Saved.class);
    }
}
