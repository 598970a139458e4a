package io.ordertracker.functions.trackingpage;

import io.ordertracker.domain.merchants.Branding;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import io.ordertracker.domain.Channel;
import io.ordertracker.domain.Milestone;
import io.ordertracker.domain.merchants.Merchant;
import io.ordertracker.domain.merchants.MerchantSettings;
import io.ordertracker.domain.merchants.MerchantStore;
import io.ordertracker.domain.notify.ShopperPreferences;
import io.ordertracker.domain.notify.ShopperPreferences.Subscriber;
import io.ordertracker.lambda.HttpRequest;
import io.ordertracker.lambda.RequestBody;
import io.ordertracker.lambda.Telemetry;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import software.amazon.lambda.powertools.metrics.model.MetricUnit;

/**
 * A shopper's email choices at one merchant, {@code /u/{token}} (the link and List-Unsubscribe header of every
 * email). {@code GET}: the page, branded like the tracking page, with one checkbox per milestone the merchant emails
 * and a button to stop every email; the form posts back. {@code POST} with the body {@code List-Unsubscribe=One-Click}
 * (RFC 8058, what mail clients send; no cookies, no authentication: the token is the key): every email stops, 200
 * with a one-line body; idempotent. An unknown token is a 404 either way.
 */
final class PreferencesPage {
    static final int MAX_BODY = 4096;
    private final ShopperPreferences preferences;
    private final MerchantStore merchants;
    private final Clock clock;
    private final PageRenderer renderer;

    PreferencesPage(ShopperPreferences preferences, MerchantStore merchants, Clock clock, PageRenderer renderer) {
        this.preferences = preferences;
        this.merchants = merchants;
        this.clock = clock;
        this.renderer = renderer;
    }

    APIGatewayV2HTTPResponse respond(HttpRequest request) {
        String token = request.pathParameter("token");
        PageText text = PageText.forLanguageTag(PageResponses.preferredLanguage(request.header("accept-language")));
        boolean post = request.routeKey().startsWith("POST ");
        if (!post) {
            return page(token, text, null);
        }
        RequestBody body = request.body(MAX_BODY);
        if (!body.ok()) {
            return body.problem();
        }
        Map<String, List<String>> form = form(body.text());
        String action = first(form, "action");
        if (action == null && "One-Click".equals(first(form, "List-Unsubscribe"))) {
            boolean done = preferences.unsubscribeAll(token, clock.instant());
            Telemetry.metrics().addMetric(done ? "UnsubscribedOneClick" : "UnsubscribeNotFound", 1, MetricUnit.COUNT);
            return PageResponses.plain(done ? 200 : 404, text.get(done ? "prefs.oneClickDone" : "label.notFoundTitle"));
        }
        Optional<Subscriber> subscriber = preferences.find(token, clock.instant());
        if (subscriber.isEmpty()) {
            return page(token, text, null);
        }
        boolean done;
        if ("all".equals(action)) {
            done = preferences.unsubscribeAll(token, clock.instant());
        } else {
            Set<Milestone> muted = EnumSet.noneOf(Milestone.class);
            muted.addAll(emailed(merchant(subscriber.get())));
            form.getOrDefault("m", List.of()).forEach(m -> muted.removeIf(x -> x.name().equals(m)));
            done = preferences.update(token, false, muted, clock.instant());
        }
        Telemetry.metrics().addMetric("PreferencesSaved", 1, MetricUnit.COUNT);
        return page(token, text, done ? text.get("prefs.saved") : null);
    }

    private APIGatewayV2HTTPResponse page(String token, PageText text, String status) {
        Optional<Subscriber> subscriber = preferences.find(token, clock.instant());
        if (subscriber.isEmpty()) {
            return PageResponses.notFound(renderer.message(text, "label.notFoundTitle", "label.notFoundText"));
        }
        Optional<Merchant> merchant = merchants.findMerchant(subscriber.get().merchantId());
        ShopperPreferences.Preferences chosen = subscriber.get().preferences();
        List<Map<String, Object>> rows = new ArrayList<>();
        for (Milestone m : emailed(merchant.map(PreferencesPage::settings).orElse(null))) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("value", m.name());
            row.put("label", text.get("prefs.milestone." + m.name()));
            row.put("checked", chosen.wants(m));
            rows.add(row);
        }
        return PageResponses.preferences(renderer.preferences(Branding.of(merchant), text, rows,
                chosen.unsubscribedAll(), status));
    }

    private MerchantSettings merchant(Subscriber subscriber) {
        return merchants.findMerchant(subscriber.merchantId()).map(PreferencesPage::settings).orElse(null);
    }

    private static MerchantSettings settings(Merchant m) {
        return m.settings() == null ? MerchantSettings.defaults(m.name()) : m.settings();
    }

    /** The milestones this merchant tells by email (every one when its settings are unknown). */
    static List<Milestone> emailed(MerchantSettings settings) {
        return EnumSet.allOf(Milestone.class).stream()
                .filter(m -> settings == null || settings.wants(m, Channel.EMAIL)).toList();
    }

    static Map<String, List<String>> form(String body) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        for (String pair : body.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            String[] kv = pair.split("=", 2);
            try {
                out.computeIfAbsent(URLDecoder.decode(kv[0], StandardCharsets.UTF_8), k -> new ArrayList<>())
                        .add(kv.length > 1 ? URLDecoder.decode(kv[1], StandardCharsets.UTF_8) : "");
            } catch (IllegalArgumentException e) {
                // a malformed %-escape: the field is ignored
            }
        }
        return out;
    }

    private static String first(Map<String, List<String>> form, String name) {
        List<String> values = form.get(name);
        return values == null || values.isEmpty() ? null : values.get(0);
    }
}
