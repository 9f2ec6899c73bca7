/**
 * Who is signed in and for which organisation: the OIDC log-in (any provider; the local one in the local profile),
 * the security headers, the signed-in user with the support flag from the groups claim, and the organisation the
 * user works in, checked against storage on every service call.
 */
package dev.formbridge.portal.security;
