package dev.localacme.testkit;

/** The failsafe runs, too, are on the JUnit they claim. */
class JUnitVersionIT extends JUnitVersionTest {}
