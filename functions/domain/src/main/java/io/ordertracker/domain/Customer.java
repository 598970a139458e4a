package io.ordertracker.domain;

/** The shopper: who gets the messages. Phone is E.164 or null; time zone is an IANA id. */
public record Customer(String name, String email, String phone, String timeZone, String locale) {
}
