package org.gridmap.security;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

import java.time.Duration;

/**
 * Login throttling ({@code gridmap.login.*}, DESIGN §8). Failed logins are counted per user name and per client
 * address within {@code window}; a key that reaches its limit is locked for {@code lockout}, each further lockout
 * of the same key twice as long, up to {@code max-lockout}. While locked, every attempt, even with the right
 * password, answers 429 with Retry-After. The address limit is higher than the user limit, so that colleagues
 * behind one office NAT are not locked out by one person's typing; it stops one client from trying many names.
 *
 * @param maxFailuresPerUser    failed logins of one user name within the window before it is locked (default 10)
 * @param maxFailuresPerAddress failed logins from one client address within the window before it is locked (100)
 * @param window                the counting window (default 15 minutes)
 * @param lockout               the first lock's length (default 5 minutes); doubles with each further lockout
 * @param maxLockout            the longest lock (default 1 hour)
 */
@ConfigurationProperties("gridmap.login")
public record LoginConfig(@Bindable(defaultValue = "10") @Min(1) @Max(10_000) int maxFailuresPerUser,
                          @Bindable(defaultValue = "100") @Min(1) @Max(1_000_000) int maxFailuresPerAddress,
                          @Bindable(defaultValue = "15m") Duration window,
                          @Bindable(defaultValue = "5m") Duration lockout,
                          @Bindable(defaultValue = "1h") Duration maxLockout) {
}
