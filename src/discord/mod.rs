//! The Discord layer: slash commands, embeds, buttons and thread follow-ups over the engine.
