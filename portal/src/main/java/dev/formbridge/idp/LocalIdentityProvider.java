package dev.formbridge.idp;

import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Starts the local OpenID Connect provider before the portal, when the portal runs in the {@code local} profile (the
 * default), and hands the portal its client secret and issuer through system properties.
 */
public final class LocalIdentityProvider {
    static final String LOCAL_PROFILE = "local";

    private LocalIdentityProvider() {}

    /** Starts the provider if the active profiles (argument, system property or environment) include local. */
    public static ConfigurableApplicationContext startIfLocal(String[] args) {
        if (!isLocal(args)) {
            return null;
        }
        IdpSettings settings = IdpSettings.fromEnvironment(System.getenv());
        String clientSecret = randomSecret();
        ConfigurableApplicationContext provider = start(settings, clientSecret);
        System.setProperty("spring.security.oauth2.client.registration.formbridge.client-secret", clientSecret);
        System.setProperty("spring.security.oauth2.client.provider.formbridge.issuer-uri", settings.issuer());
        return provider;
    }

    /** The provider for {@code settings}, whose one client is the portal with {@code clientSecret}. */
    public static ConfigurableApplicationContext start(IdpSettings settings, String clientSecret) {
        Map<String, Object> properties = new HashMap<>();
        // Not the portal's application.properties (same class path): the provider has no properties file of its own.
        properties.put("spring.config.name", "formbridge-idp");
        properties.put("server.port", settings.port());
        properties.put("server.address", "127.0.0.1");
        // Browsers share cookies across ports of one host: the provider's session must not collide with the portal's.
        properties.put("server.servlet.session.cookie.name", "FB_IDP_SESSION");
        properties.put("spring.application.name", "formbridge-idp");
        properties.put("spring.main.banner-mode", "off");
        properties.put("formbridge.idp.client-secret", clientSecret);
        return new SpringApplicationBuilder(IdpConfiguration.class)
                // only the portal says "Started PortalApplication": the run command waits for that line
                .logStartupInfo(false)
                .properties(properties)
                .initializers(context -> context.getBeanFactory().registerSingleton("idpSettings", settings))
                .run();
    }

    static boolean isLocal(String[] args) {
        String profiles = Arrays.stream(args)
                .filter(arg -> arg.startsWith("--spring.profiles.active="))
                .map(arg -> arg.substring(arg.indexOf('=') + 1))
                .findFirst()
                .orElseGet(() -> System.getProperty(
                        "spring.profiles.active", System.getenv().getOrDefault("SPRING_PROFILES_ACTIVE", "")));
        return profiles.isBlank() || Arrays.asList(profiles.split("\\s*,\\s*")).contains(LOCAL_PROFILE);
    }

    private static String randomSecret() {
        byte[] bytes = new byte[32];
        new SecureRandom().nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
