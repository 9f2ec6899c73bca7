package dev.formbridge.portal.security;

import com.vaadin.flow.spring.security.VaadinSecurityConfigurer;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.ObjectPostProcessor;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.authority.mapping.GrantedAuthoritiesMapper;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.oauth2.client.web.DefaultOAuth2AuthorizationRequestResolver;
import org.springframework.security.oauth2.client.web.OAuth2AuthorizationRequestCustomizers;
import org.springframework.security.oauth2.core.oidc.user.OidcUserAuthority;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.header.HeaderWriterFilter;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter.ReferrerPolicy;

/**
 * The portal's security: OIDC log-in with PKCE, Vaadin's view access control and CSRF protection, security headers
 * (a CSP that Vaadin works with, no framing, HSTS in AWS) and the support role from the groups claim.
 */
@Configuration
@EnableWebSecurity
class SecurityConfiguration {
    static final String LOGIN_PAGE = "/oauth2/authorization/formbridge";
    static final String CONTENT_SECURITY_POLICY =
            "default-src 'self'; script-src 'self' 'unsafe-inline' 'unsafe-eval'; "
                    + "style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self' data:; connect-src 'self'; "
                    + "object-src 'none'; base-uri 'self'; frame-ancestors 'none'";

    @Bean
    SecurityFilterChain portalSecurity(
            HttpSecurity http,
            ClientRegistrationRepository clients,
            GrantedAuthoritiesMapper groupsToRoles,
            @Value("${formbridge.portal.hsts}") boolean hsts)
            throws Exception {
        DefaultOAuth2AuthorizationRequestResolver resolver =
                new DefaultOAuth2AuthorizationRequestResolver(clients, "/oauth2/authorization");
        // Spring Security adds PKCE only for public clients; the portal is confidential and uses it anyway.
        resolver.setAuthorizationRequestCustomizer(OAuth2AuthorizationRequestCustomizers.withPkce());
        http.authorizeHttpRequests(requests ->
                        requests.requestMatchers("/styles.css", "/favicon.ico").permitAll())
                .oauth2Login(login -> login.authorizationEndpoint(
                                endpoint -> endpoint.authorizationRequestResolver(resolver))
                        .userInfoEndpoint(userInfo -> userInfo.userAuthoritiesMapper(groupsToRoles)))
                .headers(headers -> {
                    // Vaadin writes its own X-Frame-Options when none is set yet; write ours before it renders.
                    headers.addObjectPostProcessor(new ObjectPostProcessor<HeaderWriterFilter>() {
                        @Override
                        public <F extends HeaderWriterFilter> F postProcess(F filter) {
                            filter.setShouldWriteHeadersEagerly(true);
                            return filter;
                        }
                    });
                    headers.contentSecurityPolicy(csp -> csp.policyDirectives(CONTENT_SECURITY_POLICY));
                    headers.frameOptions(frame -> frame.deny());
                    headers.referrerPolicy(referrer -> referrer.policy(ReferrerPolicy.SAME_ORIGIN));
                    if (hsts) {
                        headers.httpStrictTransportSecurity(
                                sts -> sts.includeSubDomains(true).maxAgeInSeconds(31_536_000));
                    } else {
                        headers.httpStrictTransportSecurity(sts -> sts.disable());
                    }
                })
                .with(VaadinSecurityConfigurer.vaadin(), vaadin -> vaadin.oauth2LoginPage(LOGIN_PAGE, "{baseUrl}/"));
        return http.build();
    }

    /** Users in the support group (a claim named by configuration: groups locally, cognito:groups in AWS). */
    @Bean
    GrantedAuthoritiesMapper groupsToRoles(
            @Value("${formbridge.portal.groups-claim}") String groupsClaim,
            @Value("${formbridge.portal.support-group}") String supportGroup) {
        return authorities -> {
            Set<GrantedAuthority> mapped = new HashSet<>(authorities);
            for (GrantedAuthority authority : authorities) {
                if (authority instanceof OidcUserAuthority oidc
                        && groupsOf(oidc, groupsClaim).contains(supportGroup)) {
                    mapped.add(new SimpleGrantedAuthority("ROLE_" + CurrentUser.SUPPORT_ROLE));
                }
            }
            return mapped;
        };
    }

    private static Collection<String> groupsOf(OidcUserAuthority authority, String claim) {
        Object groups = authority.getIdToken().getClaims().get(claim);
        if (groups instanceof Collection<?> list) {
            return list.stream().map(String::valueOf).toList();
        }
        return groups instanceof String single ? List.of(single.split("[ ,]+")) : List.of();
    }
}
