package io.ordertracker.webhooks;

import io.ordertracker.lambda.Env;
import java.net.IDN;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The rules for an endpoint URL, applied when it is registered and again before every delivery (DNS can change
 * between the two): absolute https (http only to loopback, and only under the local runtime's flag), no user info,
 * no fragment, at most 2048 characters, a host whose every address {@link AddressPolicy} allows. The delivery
 * connects to the address checked here, never resolving the name a second time.
 */
public final class EndpointUrls {
    /**
     * Set to {@code true} only by the local runtime (never in template.yaml; TemplateInvariantsTest checks): allows
     * http endpoints on loopback, its own receiver and a developer's server.
     */
    public static final String LOCAL_FLAG = "WEBHOOKS_ALLOW_LOCAL_HTTP";
    public static final int MAX_LENGTH = 2048;

    /** Resolves a host name to all its addresses (DNS; tests substitute their own). */
    @FunctionalInterface
    public interface Resolver {
        List<InetAddress> resolve(String host) throws UnknownHostException;

        Resolver DNS = host -> List.of(InetAddress.getAllByName(host));
    }

    /** A URL that may be called, with the address to connect to. */
    public record Target(URI uri, String host, int port, boolean tls, InetAddress address) {
    }

    /** The outcome: a target, or why not (a sentence for the API's problem detail and the delivery log). */
    public record Check(Optional<Target> target, String refusal) {
        static Check refused(String why) {
            return new Check(Optional.empty(), why);
        }

        public boolean ok() {
            return target.isPresent();
        }
    }

    private final Resolver resolver;
    private final boolean allowLocalHttp;

    public EndpointUrls(Resolver resolver, boolean allowLocalHttp) {
        this.resolver = resolver;
        this.allowLocalHttp = allowLocalHttp;
    }

    /** DNS, and the local flag from the environment. */
    public static EndpointUrls fromEnvironment() {
        return new EndpointUrls(Resolver.DNS, Env.get(LOCAL_FLAG).map("true"::equalsIgnoreCase).orElse(false));
    }

    /** The syntax alone (no DNS): null when fine, else why not. */
    public String syntaxProblem(String url) {
        if (url == null || url.isBlank()) {
            return "must be an https URL";
        }
        if (url.length() > MAX_LENGTH) {
            return "must be at most " + MAX_LENGTH + " characters";
        }
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            return "is not a valid URL";
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!uri.isAbsolute() || uri.getHost() == null || uri.getHost().isEmpty()) {
            return "must be an absolute https URL with a host";
        }
        if (!scheme.equals("https") && !(scheme.equals("http") && allowLocalHttp)) {
            return "must use https";
        }
        if (uri.getRawUserInfo() != null) {
            return "must not carry user information";
        }
        if (uri.getRawFragment() != null) {
            return "must not have a fragment";
        }
        return null;
    }

    /** The full check: syntax, then every address the host resolves to. */
    public Check check(String url) {
        String problem = syntaxProblem(url);
        if (problem != null) {
            return Check.refused(problem);
        }
        URI uri = URI.create(url);
        boolean tls = uri.getScheme().equalsIgnoreCase("https");
        String host = uri.getHost();
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        String ascii;
        try {
            ascii = host.contains(":") ? host : IDN.toASCII(host, IDN.USE_STD3_ASCII_RULES);
        } catch (IllegalArgumentException e) {
            return Check.refused("has an invalid host name");
        }
        List<InetAddress> addresses;
        try {
            // an IP literal is its own address (no DNS); a name is resolved
            addresses = ascii.contains(":") || ascii.matches("[0-9.]+") ? List.of(InetAddress.getByName(ascii))
                    : resolver.resolve(ascii);
        } catch (UnknownHostException e) {
            return Check.refused("has a host name that does not resolve");
        }
        if (addresses.isEmpty()) {
            return Check.refused("has a host name that does not resolve");
        }
        for (InetAddress address : addresses) {
            Optional<AddressPolicy.Refused> refused = AddressPolicy.refusal(address, allowLocalHttp);
            if (refused.isPresent()) {
                return Check.refused("resolves to a " + refused.get().name().toLowerCase(Locale.ROOT).replace('_', '-')
                        + " address, which webhooks may not reach");
            }
        }
        if (!tls && !addresses.stream().allMatch(AddressPolicy::isLoopback)) {
            return Check.refused("must use https (http is allowed only to loopback in the local runtime)");
        }
        int port = uri.getPort() == -1 ? (tls ? 443 : 80) : uri.getPort();
        return new Check(Optional.of(new Target(uri, ascii, port, tls, addresses.get(0))), null);
    }
}
