// Whether a sign-in is strong enough for admin actions (ADMIN_REQUIRE_MFA): pure, so the rule is
// testable without an Auth emulator sign-in of each kind.

/**
 * `secondFactor` is the ID token's firebase.sign_in_second_factor claim ('phone', 'totp'), which
 * Firebase sets only when this sign-in completed a second factor; an enrolled factor alone is not enough.
 */
export function secondFactorSatisfied(required: boolean, secondFactor: string | undefined): boolean {
  return !required || (typeof secondFactor === 'string' && secondFactor.length > 0);
}
