/**
 * The local OpenID Connect provider: Spring Authorization Server with self sign-up, throttled log-in and seeded demo
 * users. The portal starts it in the {@code local} profile as its own Spring application on its own port, so the
 * portal signs in exactly as it does against Cognito in AWS. Never started in the {@code aws} profile.
 */
package dev.formbridge.idp;
