package dev.parley.gateway.ops;

import dev.parley.gateway.GatewayConfig;

/** The operations endpoints could not listen where {@code CHAT_MANAGEMENT_HOST} and {@code CHAT_MANAGEMENT_PORT} say. */
public final class ManagementPortUnavailable extends RuntimeException {

    public ManagementPortUnavailable(GatewayConfig config, Throwable cause) {
        super("cannot listen for /metrics, /healthz and /readyz on " + config.managementHost() + ":"
                + config.managementPort() + " (" + cause.getMessage() + "); set CHAT_MANAGEMENT_PORT to a free port "
                + "(every gateway on one machine needs its own)", cause);
    }
}
