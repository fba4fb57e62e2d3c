/**
 * The web catalog: server-rendered pages (Qute, checked templates under {@code templates/CatalogPages/})
 * for browsing, searching and reading about packages before running them, with small local CSS and JS
 * ({@code META-INF/resources/static/}). Every page renders in one round trip and works without JavaScript.
 */
package dev.ebpm.registry.web;
