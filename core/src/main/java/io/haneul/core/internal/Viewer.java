package io.haneul.core.internal;

/**
 * Whose data an internal endpoint may show or change for one request.
 *
 * <p>Why a type of its own: every inspection route (captured mail, outboxes, tokens) must apply the
 * same rule, and getting it wrong leaks another account's data. In strict mode an ordinary key sees
 * its own account only; an admin key, and every caller in permissive mode, sees all accounts and may
 * narrow them with {@code ?account=}. An unsigned caller of an open route is {@link #anonymous()} and
 * sees no account at all.
 *
 * @param account     the caller's own account (the default account of routes that act on one), or
 *                    null for an anonymous caller
 * @param allAccounts whether every account is visible (admin key, or permissive mode)
 */
public record Viewer(String account, boolean allAccounts) {

    /** A caller who may see every account, acting by default in {@code homeAccount}. */
    public static Viewer allAccounts(String homeAccount) {
        return new Viewer(homeAccount, true);
    }

    /** A caller limited to one account. */
    public static Viewer ofAccount(String account) {
        return new Viewer(java.util.Objects.requireNonNull(account, "account"), false);
    }

    /** An unsigned caller of an open route in strict mode: sees no account. */
    public static Viewer anonymous() {
        return new Viewer(null, false);
    }

    public boolean isAnonymous() {
        return account == null && !allAccounts;
    }

    /** Whether data of {@code owner} may be shown to (or changed by) this caller. */
    public boolean sees(String owner) {
        return allAccounts || (account != null && account.equals(owner));
    }

    /**
     * The account filter of a listing or bulk delete: the requested account when visible, null
     * (every account) when none is requested and all are visible, else the caller's own account.
     *
     * @throws InternalAccessDenied when {@code requested} names an account this caller may not see
     */
    public String listFilter(String requested) {
        if (requested != null) {
            return check(requested);
        }
        if (allAccounts) {
            return null;
        }
        return check(account);
    }

    /**
     * The one account an action applies to (confirming an identity, opting a number out): the
     * requested account when visible, else the caller's own.
     *
     * @throws InternalAccessDenied when {@code requested} names an account this caller may not see,
     *                              or the caller is anonymous
     */
    public String target(String requested) {
        return check(requested != null ? requested : account);
    }

    private String check(String wanted) {
        if (wanted == null || !sees(wanted)) {
            throw new InternalAccessDenied(wanted == null ? "This endpoint requires a signed request"
                    : "The caller may not see account " + wanted);
        }
        return wanted;
    }
}
