/** The shopper-facing wording of every channel, in every language we speak. */
package io.ordertracker.texts;
