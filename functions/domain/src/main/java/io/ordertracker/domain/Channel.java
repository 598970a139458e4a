package io.ordertracker.domain;

public enum Channel { EMAIL, SMS }
