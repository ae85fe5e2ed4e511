package dev.parley.gateway;

/** A setting is missing or invalid; the message names it and says what is expected. */
public final class ConfigException extends RuntimeException {

    public ConfigException(String message) {
        super(message);
    }
}
