print("docgen placeholder")
