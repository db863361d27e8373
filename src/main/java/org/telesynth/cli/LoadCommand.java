package org.telesynth.cli;
final class LoadCommand {}
