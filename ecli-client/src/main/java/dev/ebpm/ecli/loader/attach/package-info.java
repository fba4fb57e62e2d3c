/** One class per way a program attaches, and the attachments they make. */
package dev.ebpm.ecli.loader.attach;
