package org.telesynth.cli;
final class RunCommand {}
