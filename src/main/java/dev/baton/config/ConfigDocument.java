package dev.baton.config;

import tools.jackson.databind.JsonNode;

/**
 * One document of a configuration file: the common envelope ({@code apiVersion}, {@code kind},
 * {@code metadata.name}) and its {@code spec}.
 *
 * @param index the document's position in the file, from 0
 * @param whole the whole document, envelope included
 */
public record ConfigDocument(int index, String kind, String name, JsonNode spec, JsonNode whole) {

  String label() {
    return "documents[" + index + "] (" + kind + " " + name + ")";
  }
}
