package io.ordertracker.local.runtime;

import java.util.Collection;
import java.util.regex.Pattern;
import software.amazon.awssdk.services.ses.SesClient;

/**
 * SES (and moto) refuse to send from an unverified identity. Locally the runtime verifies the template's
 * {@code AWS::SES::EmailIdentity} resources and every sender address found in a function's environment
 * (a variable whose value is an email address, e.g. the From address), with its domain.
 */
final class SesVerification {
    private static final Pattern EMAIL = Pattern.compile("^[^@\\s\"<>]+@([A-Za-z0-9.-]+\\.[A-Za-z]{2,})$");

    private SesVerification() {
    }

    static void verify(SesClient ses, String identity) {
        if (identity.contains("@")) {
            ses.verifyEmailIdentity(b -> b.emailAddress(identity));
            var m = EMAIL.matcher(identity);
            if (m.matches()) {
                ses.verifyDomainIdentity(b -> b.domain(m.group(1)));
            }
        } else {
            ses.verifyDomainIdentity(b -> b.domain(identity));
        }
    }

    static void verifyAddressesIn(SesClient ses, Collection<LocalFunction> functions) {
        for (LocalFunction f : functions) {
            f.environment().values().stream().filter(v -> v != null && EMAIL.matcher(v.trim()).matches())
                    .forEach(v -> verify(ses, v.trim()));
        }
    }
}
