package io.ordertracker.local.emulators;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.mail.Address;
import jakarta.mail.Header;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeUtility;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Enumeration;
import java.util.Properties;

/** Raw MIME (SES SendRawEmail) read back into the fields tests and the local outbox look at (Jakarta Mail). */
public final class RawEmails {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Session SESSION = Session.getInstance(new Properties());

    private RawEmails() {
    }

    /**
     * {id, source (the decoded From header), subject, body (HTML if any, else text), text, html, destinations
     * {ToAddresses}, headers {name: decoded value}, raw}.
     */
    public static ObjectNode read(String id, String raw) {
        ObjectNode out = JSON.createObjectNode();
        out.put("id", id);
        out.put("raw", raw);
        try {
            MimeMessage m = new MimeMessage(SESSION, new ByteArrayInputStream(raw.getBytes(StandardCharsets.UTF_8)));
            ObjectNode headers = out.putObject("headers");
            for (Enumeration<Header> e = m.getAllHeaders(); e.hasMoreElements(); ) {
                Header h = e.nextElement();
                if (!headers.has(h.getName())) {
                    headers.put(h.getName(), decode(h.getValue()));
                }
            }
            out.put("subject", m.getSubject());
            out.put("source", headers.path("From").asText(null));
            var to = out.putObject("destinations").putArray("ToAddresses");
            Address[] recipients = m.getRecipients(MimeMessage.RecipientType.TO);
            for (Address a : recipients == null ? new Address[0] : recipients) {
                to.add(a.toString());
            }
            String text = part(m, "text/plain");
            String html = part(m, "text/html");
            out.put("text", text);
            out.put("html", html);
            out.put("body", html != null ? html : text);
        } catch (MessagingException e) {
            out.put("error", "unreadable MIME: " + e.getMessage());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    /** The headers of a parsed email as a JSON object (for callers that have the node already). */
    public static JsonNode headers(JsonNode email) {
        return email.path("headers");
    }

    private static String decode(String value) {
        try {
            return MimeUtility.decodeText(MimeUtility.unfold(value));
        } catch (IOException e) {
            return value;
        }
    }

    private static String part(Part p, String type) throws MessagingException, IOException {
        if (p.isMimeType(type)) {
            return p.getContent().toString();
        }
        if (p.isMimeType("multipart/*")) {
            Multipart mp = (Multipart) p.getContent();
            for (int i = 0; i < mp.getCount(); i++) {
                String found = part(mp.getBodyPart(i), type);
                if (found != null) {
                    return found;
                }
            }
        }
        return null;
    }
}
