// Test stub: just enough of the real API to compile the generated Java.
package com.mendix.core;
public final class Core {
	public static com.mendix.logging.ILogNode getLogger(String name) {
		return new com.mendix.logging.ILogNode() { public void debug(Object m) {} public void trace(Object m) {} };
	}
}
