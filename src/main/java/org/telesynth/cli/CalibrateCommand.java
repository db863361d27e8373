package org.telesynth.cli;
final class CalibrateCommand {}
