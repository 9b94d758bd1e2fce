// Test stub: just enough of the real API to compile the generated Java.
package com.mendix.systemwideinterfaces.core;
public interface IContext {}
