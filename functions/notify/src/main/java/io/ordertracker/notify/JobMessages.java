package io.ordertracker.notify;

import io.ordertracker.domain.notify.NotificationJob;
import io.ordertracker.json.Json;

/** A {@link NotificationJob} as the body of an email-queue or sms-queue message. */
public final class JobMessages {
    private JobMessages() {
    }

    public static String toJson(NotificationJob job) {
        return Json.write(job);
    }

    /** Strict: a body that is not a complete job is a poison message (IllegalArgumentException). */
    public static NotificationJob parse(String body) {
        NotificationJob job = Json.read(body, NotificationJob.class);
        if (job == null || !job.complete()) {
            throw new IllegalArgumentException("incomplete notification job");
        }
        return job;
    }
}
