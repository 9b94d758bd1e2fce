// Stand-in of the Mendix runtime API (test/java/MENDIX-STAND-INS.md): an interface, messages are Objects.
package com.mendix.logging;

public interface ILogNode
{
	void critical(Object message);

	void critical(Object message, Throwable cause);

	void critical(Throwable cause);

	void error(Object message);

	void error(Object message, Throwable cause);

	void error(Throwable cause);

	void warn(Object message);

	void warn(Object message, Throwable cause);

	void warn(Throwable cause);

	void info(Object message);

	void info(Object message, Throwable cause);

	void info(Throwable cause);

	void debug(Object message);

	void debug(Object message, Throwable cause);

	void debug(Throwable cause);

	void trace(Object message);

	void trace(Object message, Throwable cause);

	void trace(Throwable cause);

	boolean isDebugEnabled();

	boolean isTraceEnabled();
}
