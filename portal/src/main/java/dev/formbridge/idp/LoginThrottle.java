package dev.formbridge.idp;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.authentication.AuthenticationFailureHandler;
import org.springframework.security.web.authentication.AuthenticationSuccessHandler;
import org.springframework.security.web.authentication.SavedRequestAwareAuthenticationSuccessHandler;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Log-in rate limiting: after {@value #MAX_FAILURES_PER_ACCOUNT} failed log-ins for one e-mail, or
 * {@value #MAX_FAILURES_PER_ADDRESS} from one address, within {@link #WINDOW}, further attempts are refused before the
 * password is even checked, until the window has passed. A success clears the account's count.
 */
class LoginThrottle extends OncePerRequestFilter implements AuthenticationFailureHandler {
    private static final Logger log = LoggerFactory.getLogger(LoginThrottle.class);
    static final int MAX_FAILURES_PER_ACCOUNT = 5;
    static final int MAX_FAILURES_PER_ADDRESS = 20;
    static final Duration WINDOW = Duration.ofMinutes(15);

    private final Cache<String, AtomicInteger> failures =
            Caffeine.newBuilder().expireAfterWrite(WINDOW).maximumSize(100_000).build();

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (isLoginAttempt(request) && throttled(request)) {
            log.warn("log-in throttled for address {}", request.getRemoteAddr());
            response.sendRedirect("/login?throttled");
            return;
        }
        chain.doFilter(request, response);
    }

    @Override
    public void onAuthenticationFailure(
            HttpServletRequest request, HttpServletResponse response, AuthenticationException exception)
            throws IOException {
        count(accountKey(request));
        count(addressKey(request));
        response.sendRedirect("/login?error");
    }

    AuthenticationSuccessHandler successHandler() {
        SavedRequestAwareAuthenticationSuccessHandler saved = new SavedRequestAwareAuthenticationSuccessHandler();
        return (request, response, authentication) -> {
            failures.invalidate(accountKey(request));
            saved.onAuthenticationSuccess(request, response, authentication);
        };
    }

    private boolean throttled(HttpServletRequest request) {
        return countOf(accountKey(request)) >= MAX_FAILURES_PER_ACCOUNT
                || countOf(addressKey(request)) >= MAX_FAILURES_PER_ADDRESS;
    }

    private void count(String key) {
        failures.asMap().computeIfAbsent(key, k -> new AtomicInteger()).incrementAndGet();
    }

    private int countOf(String key) {
        AtomicInteger count = failures.getIfPresent(key);
        return count == null ? 0 : count.get();
    }

    private static boolean isLoginAttempt(HttpServletRequest request) {
        return "POST".equals(request.getMethod()) && "/login".equals(request.getServletPath());
    }

    private static String accountKey(HttpServletRequest request) {
        return "account:" + LocalUserStore.normalise(request.getParameter("email"));
    }

    private static String addressKey(HttpServletRequest request) {
        return "address:" + request.getRemoteAddr();
    }
}
