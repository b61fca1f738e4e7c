package dev.localacme.testkit;

import dev.localacme.server.KeyAlgorithm;
import org.junit.jupiter.api.extension.ExtendWith;

/** A base class whose subclasses inherit both the extension and its settings. */
@ExtendWith(LocalAcme.class)
@LocalAcmeSettings(
    http01Port = 5555,
    keyAlgorithm = KeyAlgorithm.EC_P384,
    certificateValidity = "PT12H",
    validation = false)
abstract class AnnotatedTestBase {}
