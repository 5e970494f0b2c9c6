"""Widgets of the play screen: the scene, the choices, the face and status panels."""
