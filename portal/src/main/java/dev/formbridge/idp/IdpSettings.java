package dev.formbridge.idp;

import java.nio.file.Path;
import java.util.Map;

/**
 * Where the local provider listens and whom it serves. Read from the environment so the portal (which registers
 * itself as the client) and the provider agree without a shared file.
 *
 * @param port the provider's port on 127.0.0.1 ({@code FORMBRIDGE_IDP_PORT}, default 9000)
 * @param portalPort the portal's port ({@code FORMBRIDGE_PORTAL_PORT}, default 8081): its redirect URIs are registered
 * @param dataDir where users are kept ({@code FORMBRIDGE_HOME}/idp)
 */
public record IdpSettings(int port, int portalPort, Path dataDir) {

    public static final String CLIENT_ID = "formbridge-portal";
    public static final String SUPPORT_GROUP = "support";

    public static IdpSettings fromEnvironment(Map<String, String> env) {
        return new IdpSettings(
                Integer.parseInt(env.getOrDefault("FORMBRIDGE_IDP_PORT", "9000")),
                Integer.parseInt(env.getOrDefault("FORMBRIDGE_PORTAL_PORT", "8081")),
                Path.of(env.getOrDefault("FORMBRIDGE_HOME", ".local"))
                        .toAbsolutePath()
                        .resolve("idp"));
    }

    public String issuer() {
        return "http://127.0.0.1:" + port;
    }

    public String portalUrl() {
        return "http://127.0.0.1:" + portalPort;
    }
}
