// Test stub: just enough of the real API to compile the generated Java.
package com.mendix.logging;
public interface ILogNode { void debug(Object message); void trace(Object message); }
