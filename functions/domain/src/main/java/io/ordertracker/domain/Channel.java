package io.ordertracker.domain;

/** How a shopper is told. */
public enum Channel {
    EMAIL,
    SMS;

    /** The shopper's address on this channel (email address, E.164 phone number), or null. */
    public String addressOf(Customer customer) {
        if (customer == null) {
            return null;
        }
        return this == EMAIL ? customer.email() : customer.phone();
    }
}
