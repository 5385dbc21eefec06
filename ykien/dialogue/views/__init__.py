"""Pages of the dialogue app: public (``public``) and officers' (``staff``)."""
