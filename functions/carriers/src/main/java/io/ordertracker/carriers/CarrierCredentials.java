package io.ordertracker.carriers;

/** One carrier's API credentials: OAuth2 client id and secret (UPS, FedEx, USPS) or an API key (DHL). */
public record CarrierCredentials(String clientId, String clientSecret, String apiKey) {

    @Override
    public String toString() {
        // never let a secret reach a log line
        return "CarrierCredentials[clientId=" + clientId + ", clientSecret=***, apiKey=***]";
    }
}
