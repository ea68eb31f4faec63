package io.meterflow.hub.ops;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

import io.meterflow.hub.api.ApiKeyAuthenticator;
import io.meterflow.hub.api.ApiProblem;
import io.meterflow.hub.api.Caller;
import io.meterflow.hub.api.Role;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Guards the operations console (Hawtio and the Jolokia bridge under it, which can invoke any
 * JMX operation) with an admin API key: as a Bearer token, or as the password of HTTP Basic so a
 * browser can log in. The embedded first-run profile leaves it open on the operator's own machine.
 */
@Configuration
public class ConsoleGuard {

    @Bean
    public FilterRegistrationBean<OncePerRequestFilter> consoleGuardFilter(
            ApiKeyAuthenticator authenticator,
            @Value("${meterflow.console.open:${meterflow.embedded.active:false}}") boolean open) {
        OncePerRequestFilter filter = new OncePerRequestFilter() {
            @Override
            protected void doFilterInternal(HttpServletRequest req, HttpServletResponse res, FilterChain chain)
                    throws ServletException, IOException {
                if (open || allowed(req.getHeader("Authorization"), authenticator)) {
                    chain.doFilter(req, res);
                    return;
                }
                res.setStatus(401);
                res.setHeader("WWW-Authenticate", "Basic realm=\"meterflow console (password: an admin API key)\"");
                res.setContentType("text/plain");
                res.getOutputStream().write("An admin API key is needed.\n".getBytes(StandardCharsets.UTF_8));
            }
        };
        FilterRegistrationBean<OncePerRequestFilter> reg = new FilterRegistrationBean<>(filter);
        reg.addUrlPatterns("/actuator/hawtio/*", "/actuator/hawtio", "/actuator/jolokia/*", "/actuator/jolokia");
        reg.setName("meterflowConsoleGuard");
        return reg;
    }

    static boolean allowed(String authorization, ApiKeyAuthenticator authenticator) {
        if (authorization == null) {
            return false;
        }
        String bearer = authorization;
        if (authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
            try {
                String userPass = new String(Base64.getDecoder().decode(authorization.substring(6).trim()), StandardCharsets.UTF_8);
                bearer = "Bearer " + userPass.substring(userPass.indexOf(':') + 1);
            } catch (IllegalArgumentException e) {
                return false;
            }
        }
        try {
            Caller caller = authenticator.authenticate(bearer);
            return caller.role().includes(Role.ADMIN);
        } catch (ApiProblem p) {
            return false;
        }
    }
}
