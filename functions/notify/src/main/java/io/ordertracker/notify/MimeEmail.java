package io.ordertracker.notify;

import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Properties;

/**
 * One email as the raw MIME SES {@code SendRawEmail} takes, built with Jakarta Mail (Eclipse Angus): a
 * {@code multipart/alternative} of the plain text then the HTML (both UTF-8, transfer-encoded by the library), the
 * From display name and the Subject encoded per RFC 2047, {@code Content-Language}, and, when the shopper can
 * unsubscribe, {@code List-Unsubscribe} (https and mailto, RFC 2369) with {@code List-Unsubscribe-Post:
 * List-Unsubscribe=One-Click} (RFC 8058, what Gmail and Yahoo require of bulk senders). No header value is built by
 * string concatenation from merchant or shopper data.
 */
public final class MimeEmail {
    public static final String ONE_CLICK = "List-Unsubscribe=One-Click";
    private static final Session SESSION = Session.getInstance(new Properties());

    private MimeEmail() {
    }

    /**
     * @param fromAddress  the From address (a verified SES identity)
     * @param fromName     its display name (may be empty)
     * @param replyTo      the Reply-To address, or null
     * @param language     the language the text is written in ({@code Content-Language})
     * @param unsubscribe  the shopper's unsubscribe link, or null (then no List-Unsubscribe headers)
     * @param senderDomain the domain of the mailto unsubscribe address, or null for none
     */
    public static byte[] build(String fromAddress, String fromName, String to, String replyTo,
                               MessageComposer.Email email, Locale language, UnsubscribeLink unsubscribe,
                               String senderDomain) {
        try {
            MimeMessage message = new MimeMessage(SESSION);
            message.setFrom(fromName == null || fromName.isEmpty() ? new InternetAddress(fromAddress)
                    : new InternetAddress(fromAddress, fromName, "UTF-8"));
            message.setRecipient(MimeMessage.RecipientType.TO, new InternetAddress(to));
            if (replyTo != null) {
                message.setReplyTo(new InternetAddress[] {new InternetAddress(replyTo)});
            }
            message.setSubject(email.subject(), "UTF-8");
            message.setHeader("Content-Language", language.toLanguageTag());
            if (unsubscribe != null) {
                message.setHeader("List-Unsubscribe", unsubscribe.listUnsubscribeHeader(senderDomain));
                message.setHeader("List-Unsubscribe-Post", ONE_CLICK);
            }
            MimeBodyPart text = new MimeBodyPart();
            text.setText(email.text(), "UTF-8", "plain");
            MimeBodyPart html = new MimeBodyPart();
            html.setText(email.html(), "UTF-8", "html");
            MimeMultipart alternative = new MimeMultipart("alternative");
            alternative.addBodyPart(text); // simplest first: clients show the last part they can render
            alternative.addBodyPart(html);
            message.setContent(alternative);
            message.saveChanges();
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            message.writeTo(out);
            return out.toByteArray();
        } catch (MessagingException e) {
            throw new IllegalArgumentException("email not representable as MIME: " + e.getClass().getSimpleName(), e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Reads raw MIME back (tests, the local outbox). */
    public static MimeMessage parse(byte[] raw) {
        try {
            return new MimeMessage(SESSION, new java.io.ByteArrayInputStream(raw));
        } catch (MessagingException e) {
            throw new IllegalArgumentException("not a MIME message", e);
        }
    }

    /** The text of the first part of {@code type} (text/plain, text/html) of a parsed message, or null. */
    public static String part(MimeMessage message, String type) {
        try {
            Object content = message.getContent();
            if (content instanceof MimeMultipart multipart) {
                for (int i = 0; i < multipart.getCount(); i++) {
                    if (multipart.getBodyPart(i).isMimeType(type)) {
                        return (String) multipart.getBodyPart(i).getContent();
                    }
                }
                return null;
            }
            return message.isMimeType(type) ? new String(message.getInputStream().readAllBytes(), StandardCharsets.UTF_8) : null;
        } catch (MessagingException e) {
            throw new IllegalArgumentException("unreadable MIME part", e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
