package io.ordertracker.domain;

public record OrderItem(String name, int quantity, String sku) {
}
