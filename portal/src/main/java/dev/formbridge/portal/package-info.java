/**
 * The Form-Bridge portal: Vaadin views and the services behind them, one package per feature (team, site, submission,
 * audit, support) plus {@code base} (layout and shared UI bits) and {@code security} (sign-in and the organisation in
 * the security context). Views call services; services call shared-model.
 */
package dev.formbridge.portal;
