package io.custodia.governance.audit;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;

/**
 * Who did something: a staff token ({@code token:<id>}), the requester holding a tracking token, or the system.
 * Never a person's name or address, so the chain can be published to auditors as it is.
 */
public record Actor(String id, String role) {

    public static final String REQUESTER = "REQUESTER";
    public static final String SYSTEM = "SYSTEM";

    public static Actor system() {
        return new Actor("system", SYSTEM);
    }

    public static Actor requester() {
        return new Actor("requester", REQUESTER);
    }

    /** The authenticated staff member of the current HTTP request. */
    public static Actor currentStaff() {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        if (authentication == null || !authentication.isAuthenticated()) {
            throw new IllegalStateException("no authenticated staff member");
        }
        String role = authentication.getAuthorities().stream()
                .map(GrantedAuthority::getAuthority)
                .filter(a -> a.startsWith("ROLE_"))
                .map(a -> a.substring("ROLE_".length()))
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("staff member without a role"));
        return new Actor(authentication.getName(), role);
    }
}
