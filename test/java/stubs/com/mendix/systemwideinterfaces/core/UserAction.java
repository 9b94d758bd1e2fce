// Test stub: just enough of the real API to compile the generated Java.
package com.mendix.systemwideinterfaces.core;
public abstract class UserAction<R> {
	private final IContext context;
	protected UserAction(IContext context) { this.context = context; }
	public IContext getContext() { return context; }
	public abstract R executeAction() throws Exception;
}
