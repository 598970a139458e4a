package io.ordertracker.notify;

/** The providers a message leaves through; SES and SNS in production, moto or LocalStack in tests. */
public final class Gateways {
    private Gateways() {
    }

    /** The provider refused the From address (not a verified identity): another sender may still succeed. */
    public static final class UnverifiedSender extends RuntimeException {
        public UnverifiedSender(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /**
     * The provider asked us to slow down (SES {@code Throttling}: the account's send rate or daily quota; SNS
     * {@code Throttled}): nothing was sent, and trying again at once would only be refused again.
     */
    public static final class Throttled extends RuntimeException {
        public Throttled(String message, Throwable cause) {
            super(message, cause);
        }
    }

    public interface EmailGateway {
        /**
         * Sends one email as built ({@link MimeEmail}): its headers (From, Reply-To, List-Unsubscribe, ...) are in
         * the raw MIME.
         *
         * @param source the envelope sender, the From header's address (a verified identity)
         * @param to     the one recipient
         * @return the provider's message id
         */
        String send(String source, String to, byte[] rawMime);

        /** {@link #send(String, String, byte[])} with SES message tags ({@link MessageTags}); others ignore them. */
        default String send(String source, String to, byte[] rawMime, java.util.Map<String, String> tags) {
            return send(source, to, rawMime);
        }
    }

    public interface SmsGateway {
        /** The provider's own opt-out list (shoppers who replied STOP). */
        boolean optedOut(String phoneNumber);

        /** @return the provider's message id */
        String send(String phoneNumber, String text);
    }
}
