package io.ordertracker.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ordertracker.domain.ExceptionReason;
import io.ordertracker.domain.Milestone;
import io.ordertracker.domain.ShipmentStatus;
import io.ordertracker.domain.merchants.MerchantSettings;
import jakarta.mail.Address;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/** The raw MIME every email leaves as: parts, encodings, headers, the unsubscribe headers, the From fallback. */
class EmailMimeTest {
    private static final String TOKEN = "m1." + "a".repeat(64) + "." + "B".repeat(32);
    private static final UnsubscribeLink LINK = UnsubscribeLink.of("https://track.example/", TOKEN);

    record Sent(String source, String to, MimeMessage message, int size) {
    }

    private final List<Sent> sent = new ArrayList<>();
    private final List<String> refuse = new ArrayList<>();
    private final Gateways.EmailGateway gateway = (source, to, raw) -> {
        if (refuse.contains(source)) {
            throw new Gateways.UnverifiedSender("Email address is not verified.", null);
        }
        sent.add(new Sent(source, to, MimeEmail.parse(raw), raw.length));
        return "msg-" + sent.size();
    };
    private final EmailDelivery delivery = new EmailDelivery(gateway, new MessageComposer(), "notify@tracker.example");

    private static MessageContext ctx(MerchantSettings settings, Locale locale) {
        return new MessageContext(MessageComposerTest.merchant(settings), MessageComposerTest.order("Europe/Berlin",
                locale.toLanguageTag()), MessageComposerTest.shipment(ShipmentStatus.IN_TRANSIT), null, Milestone.SHIPPED,
                ExceptionReason.NONE, "https://track.example/t/tok123", ZoneId.of("Europe/Berlin"), locale, null);
    }

    private static String header(MimeMessage m, String name) throws Exception {
        String[] values = m.getHeader(name);
        return values == null ? null : String.join(",", values);
    }

    @Test
    void anEmailIsMultipartAlternativeTextThenHtmlInUtf8WithTheUnsubscribeHeaders() throws Exception {
        delivery.send(ctx(MessageComposerTest.branding(), Locale.GERMANY), "ada@example.com", LINK);

        MimeMessage m = sent.get(0).message();
        assertThat(m.isMimeType("multipart/alternative")).isTrue();
        MimeMultipart parts = (MimeMultipart) m.getContent();
        assertThat(parts.getCount()).isEqualTo(2);
        assertThat(parts.getBodyPart(0).getContentType()).startsWithIgnoringCase("text/plain; charset=UTF-8");
        assertThat(parts.getBodyPart(1).getContentType()).startsWithIgnoringCase("text/html; charset=UTF-8");
        assertThat(MimeEmail.part(m, "text/plain")).contains("A-1001", "https://track.example/u/" + TOKEN);
        assertThat(MimeEmail.part(m, "text/html")).contains("href=\"https://track.example/u/" + TOKEN + "\"");

        assertThat(header(m, "List-Unsubscribe")).isEqualTo("<https://track.example/u/" + TOKEN + ">, "
                + "<mailto:unsubscribe@tracker.example?subject=unsubscribe%20" + TOKEN + ">");
        assertThat(header(m, "List-Unsubscribe-Post")).isEqualTo("List-Unsubscribe=One-Click");
        assertThat(header(m, "Content-Language")).isEqualTo("de-DE");
        assertThat(m.getSubject()).isEqualTo("Acme Outfitters: Ihre Bestellung A-1001 wurde versandt");
        assertThat(((InternetAddress) m.getFrom()[0]).getAddress()).isEqualTo("orders@acme.example");
        assertThat(((InternetAddress) m.getFrom()[0]).getPersonal()).isEqualTo("Acme Outfitters");
        assertThat(m.getRecipients(MimeMessage.RecipientType.TO)).extracting(Address::toString)
                .containsExactly("ada@example.com");
        assertThat(m.getReplyTo()).extracting(Address::toString).containsExactly("help@acme.example");
        assertThat(sent.get(0).source()).isEqualTo("orders@acme.example");
        assertThat(sent.get(0).size()).isLessThan(100 * 1024);
    }

    @Test
    void withoutALinkThereAreNoUnsubscribeHeadersAndNoFooter() throws Exception {
        delivery.send(ctx(MessageComposerTest.branding(), Locale.US), "ada@example.com", null);

        MimeMessage m = sent.get(0).message();
        assertThat(m.getHeader("List-Unsubscribe")).isNull();
        assertThat(m.getHeader("List-Unsubscribe-Post")).isNull();
        assertThat(MimeEmail.part(m, "text/html")).doesNotContain("/u/", "Unsubscribe");
        assertThat(MimeEmail.part(m, "text/plain")).doesNotContain("Unsubscribe");
    }

    @Test
    void hostileNamesAndSubjectsCannotAddHeadersAndNonAsciiSurvivesEncoding() throws Exception {
        MerchantSettings hostile = new MerchantSettings("Zoë's \"Shop\" <x@evil.example>\r\nBcc: all@evil.example\u202e",
                null, "#ffffff", "#000000", "orders@acme.example", "help@acme.example", null, null, 3);
        delivery.send(ctx(hostile, Locale.FRANCE), "ada@example.com", LINK);

        MimeMessage m = sent.get(0).message();
        assertThat(m.getHeader("Bcc")).isNull();
        assertThat(m.getAllRecipients()).extracting(Address::toString).containsExactly("ada@example.com");
        assertThat(((InternetAddress) m.getFrom()[0]).getAddress()).isEqualTo("orders@acme.example");
        assertThat(((InternetAddress) m.getFrom()[0]).getPersonal()).startsWith("Zoë's \"Shop\" <x@evil.example>")
                .doesNotContain("\r", "\n", "\u202e");
        assertThat(m.getSubject()).startsWith("Zoë's").doesNotContain("\n");
        String html = MimeEmail.part(m, "text/html");
        assertThat(html).doesNotContain("<x@evil.example>").contains("&lt;x@evil.example&gt;");
        // a white header band gets dark text, a black button white text
        assertThat(html).contains("background-color:#ffffff;padding:16px 20px", "color:#111111;font-family");
    }

    @Test
    void anUnverifiedMerchantAddressFallsBackToTheStacksSenderInTheMerchantsName() throws Exception {
        refuse.add("orders@acme.example");
        delivery.send(ctx(MessageComposerTest.branding(), Locale.US), "ada@example.com", LINK);

        assertThat(sent).hasSize(1);
        MimeMessage m = sent.get(0).message();
        assertThat(sent.get(0).source()).isEqualTo("notify@tracker.example");
        assertThat(((InternetAddress) m.getFrom()[0]).getAddress()).isEqualTo("notify@tracker.example");
        assertThat(((InternetAddress) m.getFrom()[0]).getPersonal()).isEqualTo("Acme Outfitters");
        assertThat(header(m, "List-Unsubscribe-Post")).isEqualTo("List-Unsubscribe=One-Click");

        refuse.add("notify@tracker.example");
        assertThatThrownBy(() -> delivery.send(ctx(MessageComposerTest.branding(), Locale.US), "ada@example.com", LINK))
                .isInstanceOf(Gateways.UnverifiedSender.class);
    }
}
