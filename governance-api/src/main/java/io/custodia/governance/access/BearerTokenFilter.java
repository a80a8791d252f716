package io.custodia.governance.access;

import io.custodia.governance.platform.ProblemWriter;
import io.custodia.governance.platform.Problems;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/** Authenticates {@code Authorization: Bearer} staff tokens against their stored hashes; a bad token is a 401 everywhere. */
class BearerTokenFilter extends OncePerRequestFilter {

    private static final String BEARER = "Bearer ";

    private final Tokens tokens;
    private final ProblemWriter problems;

    BearerTokenFilter(Tokens tokens, ProblemWriter problems) {
        this.tokens = tokens;
        this.problems = problems;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String header = request.getHeader(HttpHeaders.AUTHORIZATION);
        if (header == null) {
            chain.doFilter(request, response);
            return;
        }
        var token = header.regionMatches(true, 0, BEARER, 0, BEARER.length())
                ? tokens.resolve(header.substring(BEARER.length()).strip())
                : java.util.Optional.<ApiToken>empty();
        if (token.isEmpty()) {
            response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Bearer error=\"invalid_token\"");
            problems.write(response, Problems.problem(HttpStatus.UNAUTHORIZED, "invalid-token",
                    "The bearer token is unknown or revoked."));
            return;
        }
        var authentication = UsernamePasswordAuthenticationToken.authenticated("token:" + token.get().id(), null,
                List.of(new SimpleGrantedAuthority("ROLE_" + token.get().role().name())));
        var context = SecurityContextHolder.createEmptyContext();
        context.setAuthentication(authentication);
        SecurityContextHolder.setContext(context);
        try {
            chain.doFilter(request, response);
        } finally {
            SecurityContextHolder.clearContext();
        }
    }
}
