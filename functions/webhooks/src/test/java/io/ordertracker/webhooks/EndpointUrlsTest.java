package io.ordertracker.webhooks;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EndpointUrlsTest {
    private final Map<String, List<InetAddress>> dns = new HashMap<>();
    private final EndpointUrls.Resolver resolver = host -> {
        List<InetAddress> a = dns.get(host);
        if (a == null) {
            throw new UnknownHostException(host);
        }
        return a;
    };

    private static InetAddress ip(String s) {
        return AddressPolicy.literal(s);
    }

    @Test
    void aPublicHttpsUrlPassesAndConnectsToTheCheckedAddress() {
        dns.put("hooks.example.com", List.of(ip("93.184.215.14")));
        EndpointUrls.Check check = new EndpointUrls(resolver, false).check("https://hooks.example.com:8443/in?x=1");
        assertThat(check.ok()).as(check.refusal()).isTrue();
        assertThat(check.target().get().address()).isEqualTo(ip("93.184.215.14"));
        assertThat(check.target().get().port()).isEqualTo(8443);
        assertThat(check.target().get().tls()).isTrue();
    }

    @Test
    void aNameResolvingToAnyRefusedAddressIsRefused() {
        dns.put("rebind.example.com", List.of(ip("93.184.215.14"), ip("169.254.169.254")));
        dns.put("inside.example.com", List.of(ip("10.0.0.5")));
        EndpointUrls urls = new EndpointUrls(resolver, false);
        assertThat(urls.check("https://rebind.example.com/").refusal()).contains("metadata");
        assertThat(urls.check("https://inside.example.com/").refusal()).contains("private");
        assertThat(urls.check("https://[::1]/").refusal()).contains("loopback");
        assertThat(urls.check("https://nowhere.example.com/").refusal()).contains("does not resolve");
    }

    @Test
    void theRulesOfSyntax() {
        dns.put("hooks.example.com", List.of(ip("93.184.215.14")));
        EndpointUrls urls = new EndpointUrls(resolver, false);
        assertThat(urls.check("http://hooks.example.com/").refusal()).contains("https");
        assertThat(urls.check("ftp://hooks.example.com/").refusal()).contains("https");
        assertThat(urls.check("https://user:pw@hooks.example.com/").refusal()).contains("user information");
        assertThat(urls.check("https://hooks.example.com/#x").refusal()).contains("fragment");
        assertThat(urls.check("/relative").refusal()).contains("absolute");
        assertThat(urls.check("https://hooks.example.com/" + "a".repeat(2100)).refusal()).contains("2048");
    }

    @Test
    void httpToLoopbackOnlyUnderTheLocalFlag() {
        dns.put("localhost", List.of(ip("127.0.0.1")));
        dns.put("hooks.example.com", List.of(ip("93.184.215.14")));
        assertThat(new EndpointUrls(resolver, true).check("http://localhost:3000/_local/webhooks/receiver").ok()).isTrue();
        assertThat(new EndpointUrls(resolver, true).check("http://127.0.0.1:3000/x").ok()).isTrue();
        assertThat(new EndpointUrls(resolver, true).check("http://hooks.example.com/").refusal()).contains("https");
        assertThat(new EndpointUrls(resolver, false).check("http://localhost:3000/x").ok()).isFalse();
        assertThat(new EndpointUrls(resolver, false).check("https://localhost:3000/x").refusal()).contains("loopback");
    }
}
