/** Page objects for the portal's views: what a person sees and clicks, named as the portal names it. */
package dev.formbridge.e2e.portal;
