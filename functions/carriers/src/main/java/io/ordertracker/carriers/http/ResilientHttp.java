package io.ordertracker.carriers.http;

import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.core.IntervalBiFunction;
import io.github.resilience4j.core.IntervalFunction;
import io.github.resilience4j.core.functions.CheckedSupplier;
import io.github.resilience4j.ratelimiter.RateLimiter;
import io.github.resilience4j.ratelimiter.RateLimiterConfig;
import io.github.resilience4j.ratelimiter.RequestNotPermitted;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import io.ordertracker.carriers.FailureKind;
import io.ordertracker.domain.Carrier;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;

/**
 * One carrier's HTTP, guarded per carrier so one failing carrier never stalls the others: each attempt passes a
 * rate limiter and a circuit breaker; the whole call is retried with jittered exponential backoff on timeouts, 5xx
 * and unreadable bodies, and after a 429 waits what Retry-After says (when that is short enough).
 */
public final class ResilientHttp {

    /** Reads a response into a result; may throw TransientCarrierException (retry) or CarrierCallException (final). */
    @FunctionalInterface
    public interface ResponseReader<T> {
        T read(HttpResponse<String> response) throws TransientCarrierException, CarrierCallException;
    }

    private final Carrier carrier;
    private final HttpClient client;
    private final ResilienceSettings settings;
    private final Retry retry;
    private final CircuitBreaker breaker;
    private final RateLimiter limiter;

    public ResilientHttp(Carrier carrier, ResilienceSettings settings) {
        this.carrier = carrier;
        this.settings = settings;
        this.client = HttpClient.newBuilder().connectTimeout(settings.connectTimeout())
                .followRedirects(HttpClient.Redirect.NEVER).build();
        IntervalFunction backoff = IntervalFunction.ofExponentialRandomBackoff(settings.initialBackoff(),
                settings.backoffMultiplier(), settings.jitter(), settings.maxBackoff());
        IntervalBiFunction<Object> interval = (attempt, outcome) -> {
            if (outcome.isLeft() && outcome.getLeft() instanceof RateLimitedException limited
                    && limited.retryAfter() != null) {
                return limited.retryAfter().toMillis(); // the carrier said how long; waiting less just burns quota
            }
            return backoff.apply(attempt);
        };
        this.retry = Retry.of(carrier.code(), RetryConfig.custom()
                .maxAttempts(settings.maxAttempts())
                .intervalBiFunction(interval)
                .retryOnException(this::worthRetrying)
                .build());
        this.breaker = CircuitBreaker.of(carrier.code(), CircuitBreakerConfig.custom()
                .slidingWindowType(CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
                .slidingWindowSize(settings.slidingWindowSize())
                .minimumNumberOfCalls(settings.minimumCalls())
                .failureRateThreshold(settings.failureRateThreshold())
                .waitDurationInOpenState(settings.openStateWait())
                .recordExceptions(IOException.class, TransientCarrierException.class)
                .ignoreExceptions(RateLimitedException.class, CarrierCallException.class)
                .build());
        this.limiter = RateLimiter.of(carrier.code(), RateLimiterConfig.custom()
                .limitForPeriod(settings.requestsPerPeriod())
                .limitRefreshPeriod(settings.ratePeriod())
                .timeoutDuration(settings.rateLimitWait())
                .build());
    }

    public CircuitBreaker circuitBreaker() {
        return breaker;
    }

    /** The retry around each call; its event publisher tells what each wait before a retry was (tests, metrics). */
    public Retry retry() {
        return retry;
    }

    public ResilienceSettings settings() {
        return settings;
    }

    /** A request builder with this carrier's request timeout set. */
    public HttpRequest.Builder request(java.net.URI uri) {
        return HttpRequest.newBuilder(uri).timeout(settings.requestTimeout()).header("Accept", "application/json");
    }

    /**
     * Sends {@code request} (again, on retry) and reads the answer.
     *
     * @throws CarrierCallException the classified final outcome when no result could be read
     */
    public <T> T call(HttpRequest request, ResponseReader<T> reader) throws CarrierCallException {
        CheckedSupplier<T> attempt = () -> {
            HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
            int status = response.statusCode();
            if (status == 429) {
                throw new RateLimitedException(retryAfter(response));
            }
            if (status >= 500) {
                throw new TransientCarrierException(carrier.displayName() + " answered HTTP " + status);
            }
            return reader.read(response);
        };
        CheckedSupplier<T> guarded = Retry.decorateCheckedSupplier(retry,
                CircuitBreaker.decorateCheckedSupplier(breaker, RateLimiter.decorateCheckedSupplier(limiter, attempt)));
        try {
            return guarded.get();
        } catch (CarrierCallException e) {
            throw e;
        } catch (CallNotPermittedException e) {
            throw new CarrierCallException(FailureKind.UNAVAILABLE,
                    carrier.displayName() + " circuit open after repeated failures", null);
        } catch (RequestNotPermitted e) {
            throw new CarrierCallException(FailureKind.RATE_LIMITED,
                    "client-side rate limit for " + carrier.displayName(), settings.ratePeriod());
        } catch (RateLimitedException e) {
            throw new CarrierCallException(FailureKind.RATE_LIMITED, carrier.displayName() + " " + e.getMessage(),
                    e.retryAfter());
        } catch (HttpTimeoutException e) {
            throw new CarrierCallException(FailureKind.UNAVAILABLE, carrier.displayName() + " timed out", null);
        } catch (TransientCarrierException | IOException e) {
            throw new CarrierCallException(FailureKind.UNAVAILABLE, carrier.displayName() + ": " + e.getMessage(), null);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CarrierCallException(FailureKind.UNAVAILABLE, "interrupted", null);
        } catch (Throwable e) {
            throw new CarrierCallException(FailureKind.UNKNOWN, carrier.displayName() + ": " + e, null);
        }
    }

    private boolean worthRetrying(Throwable e) {
        if (e instanceof RateLimitedException limited) {
            return limited.retryAfter() == null || limited.retryAfter().compareTo(settings.maxRetryAfterWait()) <= 0;
        }
        return e instanceof IOException || e instanceof TransientCarrierException;
    }

    /** Retry-After in seconds or as an HTTP date; null when absent or unreadable. */
    static Duration retryAfter(HttpResponse<?> response) {
        String value = response.headers().firstValue("Retry-After").orElse(null);
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Duration.ofSeconds(Math.max(0, Long.parseLong(value.trim())));
        } catch (NumberFormatException e) {
            try {
                ZonedDateTime at = ZonedDateTime.parse(value.trim(), DateTimeFormatter.RFC_1123_DATE_TIME);
                Duration d = Duration.between(ZonedDateTime.now(at.getZone()), at);
                return d.isNegative() ? Duration.ZERO : d;
            } catch (Exception ignored) {
                return null;
            }
        }
    }
}
