/**
 * Page objects for the local OpenID Connect provider's pages (sign in, sign up), which every portal journey passes
 * through first.
 */
package dev.formbridge.e2e.idp;
