/**
 * The tenant and support web portal. It arrives with the Portal issues (Vaadin Flow, Spring Boot, OIDC sign-in); until
 * then the module only keeps the build's shape fixed by the design.
 */
package dev.formbridge.portal;
